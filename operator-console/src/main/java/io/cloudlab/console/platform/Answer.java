package io.cloudlab.console.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * A service's answer: its status and JSON body. A refusal is shown as the service put it (its problem's title and
 * detail), so the console adds no rules of its own; status 0 means the service did not answer.
 */
public record Answer(int status, JsonNode body, String text) {

    public static Answer unanswered(String why) {
        return new Answer(0, NullNode.getInstance(), why);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** What went wrong, in the service's words: "403 Forbidden: only platform operators ...". */
    public String problem() {
        if (ok()) return null;
        if (status == 0) return "the service did not answer: " + text;
        String title = body.path("title").asText("");
        String detail = body.path("detail").asText("");
        String field = body.path("field").asText("");
        return status + (title.isEmpty() ? "" : " " + title) + (detail.isEmpty() ? "" : ": " + detail)
                + (field.isEmpty() ? "" : " (" + field + ")");
    }
}
