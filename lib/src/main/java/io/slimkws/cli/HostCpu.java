package io.slimkws.cli;

import io.slimkws.env.EnvironmentReport;

/**
 * Prints this host's CPU model, vector extensions and core count, as every speed figure of the
 * project names its host: the one reader of /proc/cpuinfo, for the notebook runner's results page
 * too ({@code environment/run-java io.slimkws.cli.HostCpu}).
 */
public final class HostCpu {
    private HostCpu() {}

    public static void main(String[] args) {
        System.out.println(
                EnvironmentReport.cpuModel()
                        + ", "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores");
    }
}
