package io.cloudlab.order.view;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A Redis of the test's own, on a free port, that the test may stop and start again: stopping the shared one
 * would pull it from under every other test (and engineer) on the machine.
 */
public class PrivateRedis implements QuarkusTestResourceLifecycleManager {

    static PrivateRedis running;

    private int port;
    private Process process;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
            dir = Files.createTempDirectory("private-redis");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        running = this;
        startServer();
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port,
                "cloudlab.projections.redis.namespace", "private-" + port);
    }

    void startServer() {
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                try (Socket probe = new Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("redis-server did not start on " + port);
                    Thread.sleep(50);
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    void stopServer() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (process != null) stopServer();
    }
}
