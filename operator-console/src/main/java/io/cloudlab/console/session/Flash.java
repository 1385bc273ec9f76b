package io.cloudlab.console.session;

import jakarta.ws.rs.core.NewCookie;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The outcome of an action, carried across its redirect (post, redirect, get) in a cookie that the next page of the
 * same path reads once and clears: reloading that page shows it again and never repeats the action.
 */
public final class Flash {

    public static final String COOKIE = "console_flash";

    private Flash() {}

    public static NewCookie say(String path, String message) {
        return cookie(path, URLEncoder.encode(message, StandardCharsets.UTF_8), 60);
    }

    public static NewCookie clear(String path) {
        return cookie(path, "", 0);
    }

    /** What the last action said, or "" when nothing. */
    public static String read(String cookie) {
        return cookie == null || cookie.isEmpty() ? "" : URLDecoder.decode(cookie, StandardCharsets.UTF_8);
    }

    private static NewCookie cookie(String path, String value, int maxAge) {
        return new NewCookie.Builder(COOKIE).value(value).path(path).httpOnly(true).sameSite(NewCookie.SameSite.STRICT)
                .maxAge(maxAge).build();
    }
}
