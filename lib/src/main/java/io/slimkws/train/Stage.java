package io.slimkws.train;

/** The paper's three-stage procedure, plus the original (unpruned, float) network. */
public enum Stage {
    ORIGINAL("original"),
    I("Stage I: channel pruning"),
    II("Stage II: float retraining with masked channels"),
    III("Stage III: weight binarization");

    public final String title;

    Stage(String title) {
        this.title = title;
    }

    /** The key of this stage in profiles.json: original, I, II, III. */
    public String key() {
        return this == ORIGINAL ? "original" : name();
    }
}
