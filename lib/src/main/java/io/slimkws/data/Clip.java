package io.slimkws.data;

import java.nio.file.Path;

/**
 * One example: a WAV file (or none, for silence the recipe makes from noise), its label index, the
 * word it holds, its speaker (null for silence) and the part of the split it belongs to.
 */
public record Clip(Path file, int label, String word, String speaker, Split split) {
    /** A silence example made from background noise only (full-dataset layout). */
    public static Clip generatedSilence(Split split) {
        return new Clip(null, Labels.SILENCE_INDEX, Labels.SILENCE, null, split);
    }

    public boolean isGeneratedSilence() {
        return file == null;
    }
}
