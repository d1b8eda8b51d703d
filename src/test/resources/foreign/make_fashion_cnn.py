#!/usr/bin/python3
"""Trains a small CNN on Fashion-MNIST with PyTorch and writes it as a cnnserve model folder.

A model from another framework, for the tests of the onnx engine (OnnxForeignModelTests and
OnnxForeignModelEndToEndTests): the service must reproduce PyTorch's own probabilities.

Needs Debian's PyTorch and the training split:
    apt-get install python3-torch dataset-fashion-mnist
Run from the repository root (one epoch; a few minutes of one core):
    /usr/bin/python3 src/test/resources/foreign/make_fashion_cnn.py

Writes src/test/resources/foreign/fashion-cnn/:
    model.yaml, labels.txt    the model's config (no architecture: the version holds model.onnx)
    1/model.onnx              exported with torch.onnx.export, free batch dimension
    expected.json             PyTorch's probabilities for the first 20 images of the committed test split

Preprocessing, the same as model.yaml gives the service: each 28x28 grey pixel p (0..255, as stored in
the IDX files; the tests encode the same pixels as lossless PNG uploads) becomes (p / 255 - 0.2860) / 0.3530,
in float32. The network ends in logits (no softmax), so the service applies the softmax.
"""
import gzip
import json
import os
import struct

import numpy as np
import torch
from torch import nn

MEAN, STD = 0.2860, 0.3530
TRAIN = "/usr/share/datasets/fashion-mnist"
TEST = "datasets/fashion-mnist"
OUT = "src/test/resources/foreign/fashion-cnn"
LABELS = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
EXPECTED_IMAGES = 20


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows, cols)
    return np.frombuffer(data, dtype=np.uint8, offset=8)


def preprocess(pixels):
    x = pixels.astype(np.float32) / np.float32(255)
    x = (x - np.float32(MEAN)) / np.float32(STD)
    return torch.from_numpy(x[:, None, :, :].astype(np.float32))


class FashionCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.classifier = nn.Sequential(nn.Linear(32 * 7 * 7, 64), nn.ReLU(), nn.Linear(64, 10))

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


def main():
    torch.manual_seed(17)
    # One thread: the result does not depend on it, and two OpenMP threads on shared, busy cores
    # spin against each other (a first run with two took over 20 minutes).
    torch.set_num_threads(1)
    train_x = preprocess(idx(f"{TRAIN}/train-images-idx3-ubyte.gz"))
    train_y = torch.from_numpy(idx(f"{TRAIN}/train-labels-idx1-ubyte.gz").astype(np.int64))
    test_pixels = idx(f"{TEST}/t10k-images-idx3-ubyte.gz")
    test_y = idx(f"{TEST}/t10k-labels-idx1-ubyte.gz")

    model = FashionCnn()
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(1):
        model.train()
        order = torch.randperm(len(train_x))
        for start in range(0, len(order), 64):
            batch = order[start:start + 64]
            optimiser.zero_grad()
            loss = nn.functional.cross_entropy(model(train_x[batch]), train_y[batch])
            loss.backward()
            optimiser.step()
            if start // 64 % 100 == 0:
                print(f"step {start // 64}: loss {loss.item():.3f}", flush=True)
        print(f"epoch {epoch + 1}: last batch loss {loss.item():.3f}", flush=True)

    model.eval()
    with torch.no_grad():
        test_x = preprocess(test_pixels)
        accuracy = (model(test_x).argmax(1).numpy() == test_y).mean()
        probabilities = torch.softmax(model(test_x[:EXPECTED_IMAGES]), dim=1).numpy()
    print(f"test top-1 {accuracy:.4f}")

    os.makedirs(f"{OUT}/1", exist_ok=True)
    torch.onnx.export(model, test_x[:1], f"{OUT}/1/model.onnx", input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13)
    with open(f"{OUT}/labels.txt", "w") as f:
        f.write("\n".join(LABELS) + "\n")
    with open(f"{OUT}/model.yaml", "w") as f:
        f.write(f"""# A CNN trained with PyTorch {torch.__version__} and exported to ONNX by
# src/test/resources/foreign/make_fashion_cnn.py (test top-1 {accuracy:.4f}). No architecture: the
# version folder holds model.onnx, which the onnx engine runs.
description: PyTorch CNN on Fashion-MNIST, served from model.onnx
input: {{height: 28, width: 28, channels: 1}}
classes: 10
labels: labels.txt
preprocessing:
  color: grey
  resize_shorter: 0
  mean: [{MEAN}]
  std: [{STD}]
  background: black
batching:
  max_batch_size: 16
  max_queue_delay: 0ms
devices: [cpu]
validation:
  dataset: fashion-mnist
  at_load: never
""")
    with open(f"{OUT}/expected.json", "w") as f:
        json.dump({
            "framework": f"PyTorch {torch.__version__}",
            "test_top1": round(float(accuracy), 4),
            "images": list(range(EXPECTED_IMAGES)),
            "labels": [int(y) for y in test_y[:EXPECTED_IMAGES]],
            "top1": [int(i) for i in probabilities.argmax(1)],
            "probabilities": [[float(v) for v in row] for row in probabilities],
        }, f, indent=1)


if __name__ == "__main__":
    main()
