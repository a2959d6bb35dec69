package io.slimkws.train;

import io.slimkws.env.Settings;

/**
 * Trains the paper's runs from the shell (the notebooks call the same code):
 * <pre>SLIMKWS_PROFILE=mini SLIMKWS_DATA=... environment/run-java io.slimkws.train.TrainMain all</pre>
 * Targets: original, gl, rgsm0.04, rgsm0.05, gsbc, stage2, stage3, all.
 */
public final class TrainMain {
    public static void main(String[] args) throws Exception {
        Settings s = Settings.fromEnvironment();
        Experiments e = Experiments.load(s);
        for (String t : args.length == 0 ? new String[] {"all"} : args) {
            switch (t) {
                case "original" -> e.original();
                case "gl" -> e.glStage1();
                case "rgsm0.04" -> e.rgsmStage1(0.04);
                case "rgsm0.05" -> e.rgsmStage1(0.05);
                case "gsbc" -> e.gsbcStage1(0.04);
                case "stage2" -> {
                    e.stage2(0.04);
                    e.stage2(0.05);
                }
                case "stage3", "all" -> {
                    if (t.equals("all")) {
                        e.original();
                        e.glStage1();
                        e.gsbcStage1(0.04);
                    }
                    e.stage3(0.04);
                    e.stage3(0.05);
                }
                default -> throw new IllegalArgumentException("unknown target '" + t
                        + "'; expected original, gl, rgsm0.04, rgsm0.05, gsbc, stage2, stage3, all");
            }
        }
        e.results().forEach((k, r) -> System.out.println(String.format("%-32s val %6.2f %% test %6.2f %% sparsity %5.1f %% (%s)", k,
                r.valAcc(), r.testAcc(), r.sparsity(), r.fromCache() ? "cached" : String.format("%.0f s", r.seconds()))));
    }
}
