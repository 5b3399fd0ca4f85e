"""NumPy-only reference MLP: the baseline the Java tensor library must beat.

vecnn's copy of the project's shared baseline (bench/numpy_mlp.py), run by `vecnn bench mlp`. Training is the
same line for line (same data, initialisation, losses); added: --samples (a smaller data set, for tests), the
mean loss of each epoch, and the inference throughput (a forward pass over all samples, timed like an epoch).

Model   : 784 -> 256 (ReLU) -> 10 (softmax), cross-entropy loss averaged over the batch
Training: plain minibatch SGD, lr 0.1, batch 128, one epoch, no shuffling, no momentum,
          no weight decay. 60,000 samples -> 469 batches (468 x 128 + 1 x 96).
Data    : synthetic. Inputs x ~ N(0, 1), 784 features, float32. Labels come from a fixed
          random linear "teacher": y = argmax(x @ T), T ~ N(0, 1) of shape (784, 10),
          so the task is learnable (a linear model can reach 100 %).
Init    : He (Kaiming) normal, W ~ N(0, 2 / fan_in); biases zero.
Dtype   : float32 everywhere (data, parameters, gradients).
Seed    : everything derives from np.random.default_rng(1234) (change with --seed).

Timing  : one warm-up forward+backward pass on the first batch (its gradients are thrown
          away, so training is identical to a run without warm-up), then the whole epoch
          is timed end to end (forward, loss, backward, update) -> samples/second.

`vecnn bench mlp` runs it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment, as a
user's NumPy would run. Options: --epochs N (each epoch timed on its own; the median and the
spread are printed), --seed N, --json (one JSON object on stdout, for scripts).

Speed depends mostly on the BLAS behind NumPy's matmul; the script prints which one is loaded.
"""
import argparse
import json
import statistics
import time

import numpy as np

N_SAMPLES, N_IN, N_HIDDEN, N_OUT = 60_000, 784, 256, 10
BATCH, LR = 128, 0.1
DTYPE = np.float32


def blas_in_use():
    """Paths of the BLAS shared libraries loaded into this process (Linux only)."""
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line}
        return ", ".join(sorted(libs)) or "none found"
    except OSError:
        return "unknown"


def make_data(rng, n_samples=N_SAMPLES):
    x = rng.standard_normal((n_samples, N_IN), dtype=DTYPE)
    teacher = rng.standard_normal((N_IN, N_OUT), dtype=DTYPE)
    y = np.argmax(x @ teacher, axis=1)
    return x, y


def he_init(rng, fan_in, fan_out):
    std = np.sqrt(2.0 / fan_in)
    return (rng.standard_normal((fan_in, fan_out), dtype=DTYPE) * DTYPE(std)).astype(DTYPE)


def init_params(rng):
    return {
        "W1": he_init(rng, N_IN, N_HIDDEN), "b1": np.zeros(N_HIDDEN, dtype=DTYPE),
        "W2": he_init(rng, N_HIDDEN, N_OUT), "b2": np.zeros(N_OUT, dtype=DTYPE),
    }


def forward(p, x):
    z1 = x @ p["W1"] + p["b1"]             # (B, 256)  matmul + broadcast add
    a1 = np.maximum(z1, 0)                 # ReLU
    z2 = a1 @ p["W2"] + p["b2"]            # (B, 10) logits
    return z1, a1, z2


def softmax_cross_entropy(z2, y):
    """Mean cross-entropy and its gradient w.r.t. the logits (numerically stable)."""
    b = z2.shape[0]
    shifted = z2 - z2.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    sum_exp = exp.sum(axis=1, keepdims=True)
    log_probs = shifted - np.log(sum_exp)
    loss = -log_probs[np.arange(b), y].mean()
    dz2 = exp / sum_exp                    # softmax probabilities
    dz2[np.arange(b), y] -= 1
    dz2 /= b                               # loss is averaged over the batch
    return loss, dz2


def backward(p, x, z1, a1, dz2):
    dW2 = a1.T @ dz2                       # (256, 10)
    db2 = dz2.sum(axis=0)
    da1 = dz2 @ p["W2"].T                  # (B, 256)
    dz1 = da1 * (z1 > 0)                   # ReLU'(z) = 1 if z > 0 else 0
    dW1 = x.T @ dz1                        # (784, 256)
    db1 = dz1.sum(axis=0)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def train_step(p, x, y):
    z1, a1, z2 = forward(p, x)
    loss, dz2 = softmax_cross_entropy(z2, y)
    grads = backward(p, x, z1, a1, dz2)
    for k in p:                            # plain SGD, in place
        p[k] -= LR * grads[k]
    return loss


def accuracy(p, x, y):
    return float((np.argmax(forward(p, x)[2], axis=1) == y).mean())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--samples", type=int, default=N_SAMPLES)
    args = ap.parse_args()
    say = (lambda *a, **k: None) if args.json else print

    rng = np.random.default_rng(args.seed)
    n_samples = args.samples
    x, y = make_data(rng, n_samples)
    p = init_params(rng)
    n_batches = -(-n_samples // BATCH)
    say(f"numpy {np.__version__}; {n_samples} samples, {n_batches} batches of <= {BATCH}; "
          f"layers {N_IN}-{N_HIDDEN}-{N_OUT}; lr {LR}; dtype {np.dtype(DTYPE).name}")
    say(f"BLAS: {blas_in_use()}")
    say(f"class balance: {np.bincount(y, minlength=N_OUT).tolist()}")

    # Warm-up: forward + backward on the first batch, no update.
    z1, a1, z2 = forward(p, x[:BATCH])
    _, dz2 = softmax_cross_entropy(z2, y[:BATCH])
    backward(p, x[:BATCH], z1, a1, dz2)

    losses, epoch_rates, epoch_losses = [], [], []
    for _ in range(args.epochs):
        t0 = time.perf_counter()
        for start in range(0, n_samples, BATCH):
            losses.append(train_step(p, x[start:start + BATCH], y[start:start + BATCH]))
        epoch_rates.append(n_samples / (time.perf_counter() - t0))
        batch_sizes = [min(BATCH, n_samples - s) for s in range(0, n_samples, BATCH)]
        epoch_losses.append(float(np.dot(np.array(losses[-len(batch_sizes):], dtype=np.float64), batch_sizes) / n_samples))
    median = statistics.median(epoch_rates)

    # Inference: the forward pass over all samples, one warm-up, then as many timed passes as epochs (at least 5).
    forward(p, x)
    predict_rates = []
    for _ in range(max(args.epochs, 5)):
        t0 = time.perf_counter()
        forward(p, x)
        predict_rates.append(n_samples / (time.perf_counter() - t0))

    assert all(v.dtype == DTYPE for v in p.values()), "parameters must stay float32"
    first, last = np.array(losses[:10]), np.array(losses[-10:])
    acc = accuracy(p, x, y)
    if args.json:
        print(json.dumps({"numpy": np.__version__, "blas": blas_in_use(), "epochs": args.epochs,
                          "samples_per_second_median": median, "samples_per_second_per_epoch": epoch_rates,
                          "loss_first10_mean": float(first.mean()), "loss_last10_mean": float(last.mean()),
                          "train_accuracy": acc, "samples": n_samples, "loss_per_epoch": epoch_losses,
                          "predict_samples_per_second_median": statistics.median(predict_rates),
                          "predict_samples_per_second": predict_rates}))
        return
    spread = f" (epochs: {min(epoch_rates):,.0f} .. {max(epoch_rates):,.0f})" if len(epoch_rates) > 1 else ""
    print(f"median {median:,.0f} samples/s over {args.epochs} epoch(s){spread}")
    print("loss, first 10 batches:", " ".join(f"{v:.4f}" for v in first), f"(mean {first.mean():.4f})")
    print("loss, last 10 batches: ", " ".join(f"{v:.4f}" for v in last), f"(mean {last.mean():.4f})")
    print(f"final training accuracy (all {n_samples} samples): {acc:.4f}")
    print(f"inference (forward pass over all {n_samples} samples): median {statistics.median(predict_rates):,.0f} "
          f"samples/s ({min(predict_rates):,.0f} .. {max(predict_rates):,.0f})")


if __name__ == "__main__":
    main()
