"""Benchmark (not a test): training samples/s of the same keyword CNN in PyTorch, for the ratio
to DL4J's (io.slimkws.bench.Throughput). Same shapes, batch 100, random inputs.

    environment/bench/throughput
"""
import os
import sys
import time

try:
    import torch
    import torch.nn as nn
except ImportError:
    sys.exit("torch_train_throughput: error: no PyTorch for /usr/bin/python3; install Debian's python3-torch")


class KwsCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 64, (20, 8), padding="same")
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(64, 64, (10, 4), padding="same")
        self.fc = nn.Linear(49 * 20 * 64, 12)
        self.drop = nn.Dropout(0.5)

    def forward(self, x):
        x = self.pool(self.drop(torch.relu(self.conv1(x))))  # TensorFlow's conv: dropout before the pool, as KwsStep
        x = self.drop(torch.relu(self.conv2(x)))
        return self.fc(x.flatten(1))


def blas():
    """Which BLAS PyTorch calls and its 1024^3 float32 GEMM rate: the peer counts only with a working one."""
    lib = "unknown"
    for alt in ("/etc/alternatives/libblas.so.3-x86_64-linux-gnu", "/etc/alternatives/libblas.so.3"):
        if os.path.exists(alt):
            lib = os.path.realpath(alt)
            break
    torch.set_num_threads(os.cpu_count() or 1)
    a = torch.rand(1024, 1024)
    b = torch.rand(1024, 1024)
    a @ b
    best = 0.0
    for _ in range(5):
        t0 = time.time()
        a @ b
        best = max(best, 2 * 1024 ** 3 / (time.time() - t0) / 1e9)
    print(f"PyTorch {torch.__version__}: BLAS {lib}, 1024^3 GEMM {best:.1f} GFLOP/s on {torch.get_num_threads()} threads")


def main():
    if sys.argv[1:] == ["--blas-only"]:
        blas()
        return
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    # Debian's build starts with one thread here; DL4J uses every core, so PyTorch gets them too.
    torch.set_num_threads(os.cpu_count() or 1)
    torch.manual_seed(1)
    net = KwsCnn()
    assert sum(p.numel() for p in net.parameters()) == 926_860
    opt = torch.optim.SGD(net.parameters(), lr=1e-3)  # the recipe's optimiser, as the trainer runs it
    x = torch.randn(100, 1, 98, 40)
    y = torch.arange(100) % 12
    loss_fn = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss_fn(net(x), y).backward()
        opt.step()

    step()
    t0 = time.time()
    for _ in range(steps):
        step()
    train = steps * 100 / (time.time() - t0)
    net.eval()
    with torch.no_grad():
        net(x)
        t0 = time.time()
        for _ in range(steps):
            net(x)
    infer = steps * 100 / (time.time() - t0)
    print(f"pytorch {torch.__version__}, threads {torch.get_num_threads()}: training {train:.1f} samples/s, inference {infer:.1f} samples/s")


if __name__ == "__main__":
    main()
