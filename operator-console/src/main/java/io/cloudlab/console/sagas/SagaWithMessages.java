package io.cloudlab.console.sagas;

import io.cloudlab.console.platform.Answer;
import io.cloudlab.console.platform.Json;
import io.cloudlab.console.platform.PlatformApi;
import io.cloudlab.console.platform.Service;
import io.cloudlab.console.session.Operator;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * One saga as the saga API shows it to the operator, and its messages (every command, attempt by attempt, with its
 * reply and their Kafka records): asked together, for the saga's page and the order's. A refusal of the messages
 * leaves the saga shown.
 */
public record SagaWithMessages(Answer detail, Answer messages) {

    /** @param sagaId the saga's id as a path segment */
    public static Uni<SagaWithMessages> of(PlatformApi api, Operator operator, String sagaId) {
        return Uni.combine().all().unis(api.get(Service.SAGA, "/sagas/" + sagaId, operator.token()),
                api.get(Service.SAGA, "/sagas/" + sagaId + "/messages", operator.token()))
                .asTuple().map(both -> new SagaWithMessages(both.getItem1(), both.getItem2()));
    }

    public Object shownMessages() {
        return messages.ok() ? Json.plain(messages.body()) : List.of();
    }

    public String messagesProblem() {
        return messages.ok() ? null : messages.problem();
    }
}
