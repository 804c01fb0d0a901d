package io.gridwatch.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The unprivileged account that runs Elasticsearch when GridWatch itself runs as root. */
final class ServiceUser {

    private ServiceUser() {}

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static synchronized void ensureExists(String user) {
        if (execute("id", "-u", user).exit() != 0) {
            run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user);
        }
    }

    static void run(String... command) {
        Result result = execute(command);
        if (result.exit() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " failed with exit code " + result.exit() + ": " + result.output());
        }
    }

    private record Result(int exit, String output) {}

    private static Result execute(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        }
    }
}
