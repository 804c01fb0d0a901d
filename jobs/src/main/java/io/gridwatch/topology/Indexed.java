package io.gridwatch.topology;

import io.gridwatch.sink.elasticsearch.DocumentMapper;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * One output of the topology as it is indexed: its stream, the documents it becomes, the uid of its sink and the
 * index it goes to. The live job and the replay index the same outputs the same way ({@link
 * EarlyWarningTopology.Outputs#indexed}), so an output added to the topology is indexed by both.
 */
public record Indexed<T>(DataStream<T> stream, DocumentMapper<T> documents, String uid, String index) {}
