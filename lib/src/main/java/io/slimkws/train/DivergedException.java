package io.slimkws.train;

/** A run whose loss became NaN or infinite. */
public class DivergedException extends RuntimeException {
    public DivergedException(String message) {
        super(message);
    }
}
