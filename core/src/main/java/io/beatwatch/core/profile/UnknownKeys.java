package io.beatwatch.core.profile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the first key of a YAML document that the target records do not have, with its line, before
 * binding: Jackson's binder would otherwise report a misspelled required key as a missing one.
 */
final class UnknownKeys {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    /**
     * An unknown key.
     *
     * @param key the key as written
     * @param path where it sits, e.g. {@code columns.latitude}
     * @param line 1-based line of the key
     * @param expected the keys allowed there
     * @param suggestion the allowed key written with the given value ({@code lat: LAT}), or null
     */
    record Finding(String key, String path, int line, List<String> expected, String suggestion) {}

    private UnknownKeys() {}

    /** The first unknown key, or null if none (or if the text is not YAML: binding says why). */
    static Finding first(String yaml, Class<? extends Record> root) {
        try (JsonParser p = FACTORY.createParser(yaml)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            return object(p, root, "");
        } catch (IOException e) {
            return null;
        }
    }

    /** Walks an object whose START_OBJECT is the current token, up to its END_OBJECT. */
    private static Finding object(JsonParser p, Class<?> type, String path) throws IOException {
        Map<String, Type> known = keys(type);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int line = p.currentTokenLocation().getLineNr();
            String here = path.isEmpty() ? key : path + "." + key;
            JsonToken value = p.nextToken();
            if (!known.containsKey(key)) {
                String text = value.isScalarValue() ? p.getText() : null;
                String near = nearest(key, known.keySet());
                return new Finding(
                        key,
                        here,
                        line,
                        List.copyOf(known.keySet()),
                        near == null ? null : text == null ? near : near + ": " + text);
            }
            Finding f = value(p, known.get(key), here);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static Finding value(JsonParser p, Type type, String path) throws IOException {
        JsonToken t = p.currentToken();
        Class<?> raw = raw(type);
        if (t == JsonToken.START_OBJECT) {
            if (raw != null && raw.isRecord()) {
                return object(p, raw, path);
            }
            p.skipChildren();
        } else if (t == JsonToken.START_ARRAY) {
            Type element =
                    type instanceof ParameterizedType pt && List.class.equals(pt.getRawType())
                            ? pt.getActualTypeArguments()[0]
                            : null;
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                Finding f = value(p, element, path + "[" + i++ + "]");
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    /** The YAML keys of a record: its component names, or their {@code @JsonProperty} names. */
    private static Map<String, Type> keys(Class<?> type) {
        var keys = new LinkedHashMap<String, Type>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getAccessor().isAnnotationPresent(JsonIgnore.class)) {
                continue;
            }
            JsonProperty named = c.getAccessor().getAnnotation(JsonProperty.class);
            String key = named != null && !named.value().isEmpty() ? named.value() : c.getName();
            keys.put(key, c.getGenericType());
        }
        return keys;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> c
                ? c
                : null;
    }

    /** The allowed key the written one most likely meant: a prefix either way, or 2 edits. */
    static String nearest(String key, Iterable<String> allowed) {
        String k = key.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String a : allowed) {
            String l = a.toLowerCase(Locale.ROOT);
            int d = l.equals(k) ? 0 : distance(k, l);
            boolean prefix = k.startsWith(l) || l.startsWith(k);
            if ((d <= 2 || prefix) && d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
