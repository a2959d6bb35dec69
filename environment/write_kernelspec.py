"""Writes the `slimkws` Jupyter kernel spec into the venv (sys.prefix/share/jupyter/kernels).

The JVM gets the library and its Maven-resolved jars on its own class path (ND4J finds its
backend through the application class loader; adding jars to a running JShell breaks that,
IJava #65) and JShell gets the same jars for compiling cells (JJAVA_CLASSPATH).
"""
import argparse
import glob
import json
import os
import sys
from pathlib import Path

p = argparse.ArgumentParser()
p.add_argument("--root", required=True)
p.add_argument("--java", required=True)
a = p.parse_args()
root = Path(a.root).resolve()

prefix = Path(sys.prefix)
jjava_dir = prefix / "share" / "jupyter" / "kernels" / "java"
jjava_jar = jjava_dir / "jjava.jar"
if not jjava_jar.is_file():
    sys.exit(f"write_kernelspec: error: {jjava_jar} missing: is jjava installed in {prefix}?")

jars = sorted(glob.glob(str(root / "lib" / "target" / "slimkws-lib-*.jar")))
jars = [j for j in jars if not j.endswith("-sources.jar")]
if not jars:
    sys.exit("write_kernelspec: error: lib/target/slimkws-lib-*.jar missing: run environment/build-lib")
cp_file = root / "lib" / "target" / "classpath.txt"
if not cp_file.is_file():
    sys.exit(f"write_kernelspec: error: {cp_file} missing: run environment/build-lib")
deps = [d for d in cp_file.read_text().strip().split(os.pathsep) if d]
for d in deps:
    if not Path(d).exists():
        sys.exit(f"write_kernelspec: error: dependency jar {d} is gone: run environment/build-lib --force")
classpath = os.pathsep.join([jars[0]] + deps)

plotly_js = sorted(glob.glob(str(prefix / "lib" / "python3*" / "site-packages" / "plotly" / "package_data" / "plotly.min.js")))
if not plotly_js:
    sys.exit("write_kernelspec: error: plotly.min.js not found in the venv: is plotly installed?")

# The options every slimkws JVM shares (environment/jvm-options), then the kernel's own.
shared_opts = [l.strip() for l in (root / "environment" / "jvm-options").read_text().splitlines()
               if l.strip() and not l.strip().startswith("#")]
jvm_opts = shared_opts + [
    f"-Dslimkws.plotlyjs={plotly_js[0]}",
    f"-Dslimkws.home={root}",
    "-Dslimkws.kernel=slimkws (JJava 1.0a8)",
    # Quiet the kernel's own loop logging and keep DL4J/ND4J warnings only.
    f"-Djava.util.logging.config.file={root / 'environment' / 'kernel-logging.properties'}",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
    "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
]
spec = {
    # environment/with-blas-core picks OpenBLAS's core from the CPU (a user's OPENBLAS_CORETYPE wins).
    "argv": [str(root / "environment" / "with-blas-core"), a.java] + jvm_opts + ["-cp", os.pathsep.join([str(jjava_jar), classpath]),
                                   "org.dflib.jjava.distro.JJava", "{connection_file}"],
    "display_name": "Java (slimkws)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {
        "JJAVA_CLASSPATH": classpath,
        "JJAVA_STARTUP_SCRIPTS_PATH": str(root / "environment" / "kernel-startup.jsh"),
        "SLIMKWS_PLOTLYJS": plotly_js[0],
    },
    "metadata": {"slimkws_root": str(root)},
}
out = prefix / "share" / "jupyter" / "kernels" / "slimkws"
out.mkdir(parents=True, exist_ok=True)
tmp = out / "kernel.json.part"
tmp.write_text(json.dumps(spec, indent=2))
tmp.replace(out / "kernel.json")
print(f"write_kernelspec: kernel 'slimkws' -> {out / 'kernel.json'} ({len(deps) + 1} jars)", file=sys.stderr)
