package com.sabiscore.http;

import com.sabiscore.http.Answer.BodyType;
import com.sabiscore.query.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Files served from the class path (the page's assets, the API document, Swagger UI from its
 * webjar): read once when the server starts, each kept as its whole answer, so serving one is a
 * map lookup on the event loop. A file missing from the class path fails the start.
 */
final class StaticFiles {

    private final Map<String, Answer> byName;

    private StaticFiles(Map<String, Answer> byName) {
        this.byName = Map.copyOf(byName);
    }

    /**
     * @param resources name served → class-path resource
     * @param headers   extra headers of every answer, as name, value, name, value, ...
     */
    static StaticFiles read(Map<String, String> resources, String... headers) {
        Map<String, Answer> byName = new HashMap<>();
        resources.forEach((name, resource) -> byName.put(name, new Answer(200, typeOf(name), bytes(resource), headers)));
        return new StaticFiles(byName);
    }

    /** @throws NotFoundException (404) for a name not served */
    Answer answer(String name) {
        Answer file = byName.get(name);
        if (file == null) {
            throw new NotFoundException("no such file: " + PlainText.excerpt(name));
        }
        return file;
    }

    private static BodyType typeOf(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> BodyType.HTML;
            case "css" -> BodyType.CSS;
            case "js" -> BodyType.JAVASCRIPT;
            case "svg" -> BodyType.SVG;
            case "png" -> BodyType.PNG;
            case "json" -> BodyType.JSON;
            default -> throw new IllegalArgumentException("no content type known for " + name);
        };
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
