package io.fanout.catalog.domain;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The title a match's broadcast gets on one destination, written by the partner with placeholders
 * ({@code {competition} {stage}: {participants}}). A placeholder whose field is empty disappears with
 * the space or separator it leaves behind. Rendered titles are cut to {@link #MAX_TITLE} characters,
 * the shortest limit among the networks (YouTube's 100).
 */
public record TitleTemplate(String text) {

    public static final TitleTemplate DEFAULT = new TitleTemplate("{title}");
    public static final int MAX_TITLE = 100;
    public static final int MAX_TEMPLATE = 200;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Map<String, Function<MatchFields, String>> FIELDS = Map.of(
            "title", MatchFields::title,
            "competition", MatchFields::competition,
            "stage", MatchFields::stage,
            "participants", MatchFields::competitorsText,
            "sport", f -> f.sport().code(),
            "venue", MatchFields::venue);

    /** The placeholders a template may use, for messages: {@code {competition}, {participants}, ...}. */
    public static final String PLACEHOLDERS = String.join(", ",
            new TreeSet<>(FIELDS.keySet()).stream().map(name -> "{" + name + "}").toList());

    /**
     * A template; {@code null} or blank is the default ({@code {title}}).
     *
     * @throws IllegalArgumentException for an unknown placeholder, an unclosed brace or a template too long
     */
    public static TitleTemplate of(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        if (text.length() > MAX_TEMPLATE) {
            throw new IllegalArgumentException("is longer than " + MAX_TEMPLATE + " characters");
        }
        Set<String> unknown = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            if (!FIELDS.containsKey(matcher.group(1))) {
                unknown.add("{" + matcher.group(1) + "}");
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown placeholder " + String.join(", ", unknown) + " (known: "
                    + PLACEHOLDERS + ")");
        }
        if (PLACEHOLDER.matcher(text).replaceAll("").matches(".*[{}].*")) {
            throw new IllegalArgumentException("has a brace that opens or closes no placeholder");
        }
        return new TitleTemplate(text.trim());
    }

    /** The title for this match's fields. */
    public String render(MatchFields fields) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = FIELDS.get(matcher.group(1)).apply(fields);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value.trim()));
        }
        matcher.appendTail(out);
        String title = out.toString().replaceAll("\\s+", " ").replaceAll(" ([:,;])", "$1")
                .replaceAll("([:,;-])(?=[:,;-]|$)", "").replaceAll("^[\\s:,;-]+|[\\s:,;-]+$", "").trim();
        if (title.isEmpty()) {
            title = fields.title();
        }
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 1).trim() + "…";
    }
}
