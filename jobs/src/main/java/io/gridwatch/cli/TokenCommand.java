package io.gridwatch.cli;

import io.gridwatch.common.access.Action;
import io.gridwatch.common.access.ApiToken;
import io.gridwatch.common.access.ApiTokens;
import io.gridwatch.common.access.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridwatch token create|list}: the API tokens {@code gridwatch serve} accepts. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Creates and lists API tokens for gridwatch serve (the file keeps hashes only).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class})
final class TokenCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a token, adds its hash to the file and prints the token once.")
    static final class Create implements Callable<Integer> {

        @Option(names = "--tokens", required = true, paramLabel = "FILE", description = "The tokens file (created if missing).")
        Path file;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "Who acts with it, as recorded on every change (e.g. 东湖街道指挥中心大屏).")
        String name;

        @Option(names = "--scope", required = true, paramLabel = "SCOPE",
                description = "all, street:<street>, community:<street>/<community> or grid:<gridId>.")
        String scope;

        @Option(names = "--actions", split = ",", defaultValue = "ack,resolve,false_alarm", paramLabel = "ACTION",
                description = "Of ack, resolve, false_alarm (default: ${DEFAULT-VALUE}).")
        List<String> actions;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Set<Action> allowed = EnumSet.noneOf(Action.class);
            actions.forEach(action -> allowed.add(Action.of(action.strip())));
            ApiTokens existing = Files.exists(file) ? ApiTokens.load(file) : ApiTokens.none();
            ApiToken.Issued issued = ApiToken.issue(name, Scope.parse(scope), allowed);
            existing.with(issued.token(), file);
            spec.commandLine().getOut().println(issued.secret());
            spec.commandLine().getErr().println("Token '" + name + "' (" + scope + ") added to " + file
                    + ". It is shown only now: give it to its holder as a secret.");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the tokens of a file (never secrets).")
    static final class ListTokens implements Callable<Integer> {

        @Option(names = "--tokens", required = true, paramLabel = "FILE")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            TextTable table = new TextTable(List.of("name", "scope", "actions"));
            for (ApiToken token : ApiTokens.load(file).all()) {
                table.add(List.of(token.name(), token.scope().toString(),
                        String.join(",", EnumSet.copyOf(token.actions()).stream().map(Action::wireName).toList())));
            }
            spec.commandLine().getOut().print(table);
            return 0;
        }
    }
}
