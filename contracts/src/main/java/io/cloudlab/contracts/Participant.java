package io.cloudlab.contracts;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A service that takes part in sagas: the commands it accepts and the replies it gives, each a sealed
 * interface whose records are the types. {@code commandStream} is the aggregate type of the orchestrator's
 * streams of commands to it, which the relay maps to the participant's commands topic.
 */
public record Participant<C extends SagaCommand, R extends SagaReply>(String name, String commandStream,
        Class<C> commands, Class<R> replies) {

    public Optional<Class<? extends C>> commandType(String type) {
        return Optional.ofNullable(byName(commands).get(type));
    }

    public Optional<Class<? extends R>> replyType(String type) {
        return Optional.ofNullable(byName(replies).get(type));
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, Class<? extends T>> byName(Class<T> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses()).map(c -> (Class<? extends T>) c)
                .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));
    }
}
