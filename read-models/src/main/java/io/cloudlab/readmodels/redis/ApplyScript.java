package io.cloudlab.readmodels.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;

/**
 * One atomic write of a projection: its effects and its new checkpoint, in a single Lua script, so Redis holds
 * either both or neither. A crash at any point therefore neither loses an event (the checkpoint never moves
 * without its effect) nor applies one twice (an effect never lands without moving the checkpoint).
 *
 * <p>The script is also a fence: it writes only if the stored checkpoint is still the one this writer read.
 * Should two instances ever believe they apply the same version (a lock handed over while the old holder is
 * still mid-batch), the second write fails instead of interleaving with the first.
 */
final class ApplyScript {

    static final String FENCED = "FENCED";

    private static final String SCRIPT = """
            local stored = redis.call('GET', KEYS[1])
            if (stored or '') ~= ARGV[1] then
              return redis.error_reply('FENCED checkpoint is ' .. tostring(stored) .. ', expected ' .. ARGV[1])
            end
            local i = 3
            while i <= #ARGV do
              local n = tonumber(ARGV[i])
              redis.call(unpack(ARGV, i + 1, i + n))
              i = i + n + 1
            end
            redis.call('SET', KEYS[1], ARGV[2])
            return 1
            """;

    private final List<String> args = new ArrayList<>();
    private int operations;

    ApplyScript op(String... command) {
        args.add(Integer.toString(command.length));
        for (String part : command) args.add(part);
        operations++;
        return this;
    }

    int operations() {
        return operations;
    }

    /** Runs the operations and moves the checkpoint from {@code expected} ("" when none) to {@code next}. */
    Uni<Void> run(ReactiveRedisDataSource redis, String checkpointKey, String expected, String next) {
        List<String> command = new ArrayList<>(args.size() + 6);
        command.add(SCRIPT);
        command.add("1");
        command.add(checkpointKey);
        command.add(expected);
        command.add(next);
        command.addAll(args);
        return redis.execute("EVAL", command.toArray(String[]::new)).replaceWithVoid();
    }
}
