package io.slimkws.prox;

/**
 * Element-wise thresholds: the scalar proximal maps of the penalties combined with the group L2
 * norm in the nonconvex sparse group Lasso family (Bui et al. 2021). Each returns argmin_y λ ρ(y) +
 * 1/2 (y - x)^2 for scalar x.
 */
public enum ElementThreshold {
    /** ρ(y) = |y|: soft threshold. */
    L1 {
        @Override
        public double apply(double x, double lambda, double a) {
            return Math.signum(x) * Math.max(Math.abs(x) - lambda, 0);
        }

        @Override
        public double zeroBelow(double lambda, double a) {
            return lambda;
        }

        @Override
        public double lambdaFor(double t, double a) {
            return t;
        }

        @Override
        public double penalty(double y, double a) {
            return Math.abs(y);
        }
    },
    /** ρ(y) = 1{y != 0}: hard threshold at sqrt(2λ). */
    L0 {
        @Override
        public double apply(double x, double lambda, double a) {
            return Math.abs(x) > Math.sqrt(2 * lambda) ? x : 0;
        }

        @Override
        public double zeroBelow(double lambda, double a) {
            return Math.sqrt(2 * lambda);
        }

        @Override
        public double lambdaFor(double t, double a) {
            return t * t / 2;
        }

        @Override
        public double penalty(double y, double a) {
            return y != 0 ? 1 : 0;
        }
    },
    /**
     * Transformed L1, ρ_a(y) = (a + 1)|y| / (a + |y|): the closed-form threshold of Zhang and Xin.
     * Zero below t = λ(a+1)/a when λ <= a²/(2(a+1)), else below sqrt(2λ(a+1)) - a/2; above it,
     * sgn(x) [2/3 (a + |x|) cos(φ/3) - 2a/3 + |x|/3] with φ = arccos(1 - 27 λ a (a+1) / (2 (a +
     * |x|)^3)).
     */
    TL1 {
        @Override
        public double apply(double x, double lambda, double a) {
            double ax = Math.abs(x);
            if (ax <= zeroBelow(lambda, a)) {
                return 0;
            }
            double arg = 1 - 27 * lambda * a * (a + 1) / (2 * Math.pow(a + ax, 3));
            double phi = Math.acos(Math.max(-1, Math.min(1, arg)));
            return Math.signum(x) * (2.0 / 3 * (a + ax) * Math.cos(phi / 3) - 2 * a / 3 + ax / 3);
        }

        @Override
        public double zeroBelow(double lambda, double a) {
            return lambda <= a * a / (2 * (a + 1))
                    ? lambda * (a + 1) / a
                    : Math.sqrt(2 * lambda * (a + 1)) - a / 2;
        }

        @Override
        public double lambdaFor(double t, double a) {
            return t <= a / 2
                    ? t * a / (a + 1)
                    : (t + a / 2) * (t + a / 2) / (2 * (a + 1)); // the two branches meet at t = a/2
        }

        @Override
        public double penalty(double y, double a) {
            double ay = Math.abs(y);
            return (a + 1) * ay / (a + ay);
        }
    };

    public abstract double apply(double x, double lambda, double a);

    /** ρ(y) without λ. */
    public abstract double penalty(double y, double a);

    /** The dead zone's end t: {@link #apply} returns 0 exactly when |x| <= t. */
    public abstract double zeroBelow(double lambda, double a);

    /**
     * The weight λ whose dead zone ends at t (the inverse of {@link #zeroBelow}): how a sweep set
     * in units of the weights (a threshold) becomes each penalty's own λ.
     */
    public abstract double lambdaFor(double t, double a);
}
