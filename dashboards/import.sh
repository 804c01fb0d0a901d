#!/usr/bin/env bash
# Imports GridWatch's Kibana 7.17 saved objects (data views, visualizations, the 网格预警总览 and 网格详情
# dashboards) into the Kibana at KIBANA_URL, replacing earlier versions of them.
# Usage: dashboards/import.sh http://localhost:5601   (KIBANA_AUTH="user:password" for a secured Kibana)
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 KIBANA_URL" >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
auth=()
[ -n "${KIBANA_AUTH:-}" ] && auth=(--user "$KIBANA_AUTH")
curl --fail --silent --show-error "${auth[@]}" -X POST "$1/api/saved_objects/_import?overwrite=true" \
  -H "kbn-xsrf: true" --form file=@"$here/kibana/gridwatch.ndjson"
echo
