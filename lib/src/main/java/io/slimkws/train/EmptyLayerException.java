package io.slimkws.train;

/**
 * A run whose penalty zeroed every channel group of a layer: a network with an empty layer cannot
 * be evaluated (its output no longer depends on the input), so the run stops there.
 */
public class EmptyLayerException extends RuntimeException {
    public EmptyLayerException(String message) {
        super(message);
    }
}
