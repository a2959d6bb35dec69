package io.slimkws.report;

import io.slimkws.files.AtomicFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Text computed in a notebook, shown as Markdown (a conclusion whose numbers come from the runs,
 * where a Markdown cell could only hold typed ones), and written as {@code <stem>.md} for the
 * results page.
 */
public record Markdown(String text) implements Displayable {
    public Markdown {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Markdown needs some text");
        }
    }

    /** Writes the text to {@code dir/<stem>.md}. */
    public Markdown write(Path dir, String stem) {
        AtomicFiles.write(dir.resolve(stem + ".md"), text.strip() + "\n");
        return this;
    }

    @Override
    public Map<String, Object> mimeBundle() {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/markdown", text);
        bundle.put("text/plain", text);
        return bundle;
    }

    @Override
    public String toString() {
        return text;
    }
}
