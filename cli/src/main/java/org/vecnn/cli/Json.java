package org.vecnn.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The JSON the commands print with {@code --json}. */
final class Json {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();

    private Json() {
    }

    static String of(Object value) {
        return GSON.toJson(value);
    }
}
