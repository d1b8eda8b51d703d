package org.cnnserve.registry;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads a {@code model.yaml} duration as Spring Boot reads one in its properties ({@code 5ms},
 * {@code 10s}, {@code PT1S}; a bare whole number is milliseconds), so that a setting a model can
 * override is written the same way as its service-wide default.
 */
final class DurationDeserializer extends StdScalarDeserializer<Duration> {

    DurationDeserializer() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) {
        String text = parser.getValueAsString();
        if (text == null) {
            return (Duration) context.handleUnexpectedToken(Duration.class, parser);
        }
        try {
            return DurationStyle.detectAndParse(text.strip());
        } catch (IllegalArgumentException e) {
            return (Duration) context.handleWeirdStringValue(Duration.class, text,
                    "write a duration such as 5ms, 500us, 10s or PT10S");
        }
    }
}
