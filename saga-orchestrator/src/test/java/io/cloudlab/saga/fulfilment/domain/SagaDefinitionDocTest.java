package io.cloudlab.saga.fulfilment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The saga doc's step tables are the definitions': written from it with {@code -Dsaga.docs.write=true}, and
 * held equal to it otherwise.
 */
class SagaDefinitionDocTest {

    static final String BEGIN = "<!-- steps:begin (written from Sagas.ALL by SagaDefinitionDocTest) -->";
    static final String END = "<!-- steps:end -->";

    @Test
    void theDocShowsTheDefinition() throws Exception {
        Path doc = Path.of("../docs/services/saga-orchestrator.md");
        String text = Files.readString(doc);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, doc + " has no step table between " + BEGIN + " and " + END);
        String current = text.substring(begin, end + END.length());
        String table = tables();
        if (!current.equals(table) && Boolean.getBoolean("saga.docs.write")) {
            Files.writeString(doc, text.replace(current, table));
            return;
        }
        assertEquals(table, current, doc + " differs from the definition: run with -Dsaga.docs.write=true");
    }

    static String tables() {
        StringBuilder out = new StringBuilder(BEGIN).append('\n');
        for (SagaDefinition definition : Sagas.ALL) table(out, definition);
        return out.append('\n').append(END).toString();
    }

    static void table(StringBuilder out, SagaDefinition definition) {
        out.append("\n`").append(definition.type()).append("`:\n\n")
                .append("| # | step | participant | command | kind | undone by | attempts |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (SagaStep step : definition.steps()) {
            SagaStep undo = definition.compensationOf(step);
            String kind = switch (step.kind()) {
                case COMPENSATABLE -> "compensatable";
                case PIVOT -> "**pivot**";
                case RETRIABLE -> definition.steps().stream().anyMatch(s -> s.kind() == SagaStep.Kind.PIVOT)
                        ? "retriable (after the pivot)" : "retriable";
                case ON_STOP -> "when the saga stops for an operator";
                case COMPENSATION -> step.equals(definition.originCompensation()) ? "compensation of the origin, always last"
                        : "compensation";
            };
            out.append("| ").append(step.number()).append(" | `").append(step.name()).append("` | ")
                    .append(step.participant().name()).append(" | `").append(step.commandName()).append("` | ")
                    .append(kind).append(" | ").append(undo == null ? "—" : "`" + undo.name() + "`").append(" | ")
                    .append(step.untilDone() ? "`compensation-attempts`" : "`forward-attempts`").append(" |\n");
        }
    }
}
