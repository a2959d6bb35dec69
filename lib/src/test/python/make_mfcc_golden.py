"""Writes the MFCC golden file from the real TensorFlow ops (run once; the Java test only reads it).

    python3 -m venv /tmp/tf && /tmp/tf/bin/pip install tensorflow-cpu numpy
    /tmp/tf/bin/python lib/src/test/python/make_mfcc_golden.py \
        --data ../shared/data/speech_commands_test_set_v0.02 \
        --out lib/src/test/resources/golden/mfcc_tf.json.gz

Each entry is decoded with tf.audio.decode_wav(desired_channels=1, desired_samples=16000) and
featurised with tf.raw_ops.AudioSpectrogram(480, 160, magnitude_squared=True) and
tf.raw_ops.Mfcc(16000 Hz, 20..4000 Hz, 40 channels, 40 coefficients): the speech_commands recipe.
Real clips are named by their path under the data folder; synthetic ones carry their WAV bytes.
"""
import argparse
import base64
import gzip
import io
import json
import struct
from pathlib import Path

import numpy as np
import tensorflow as tf

REAL = [
    "yes/022cd682_nohash_0.wav",
    "no/" , "stop/", "go/", "left/",
    "_unknown_/backward_0c540988_nohash_0.wav.wav",
    "_silence_/1024.wav",
]


def wav_bytes(pcm: np.ndarray) -> bytes:
    pcm = pcm.astype("<i2")
    data = pcm.tobytes()
    hdr = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVE"
    hdr += b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 16000, 32000, 2, 16)
    hdr += b"data" + struct.pack("<I", len(data))
    return hdr + data


def synthetic():
    rng = np.random.default_rng(20191)
    t = np.arange(16000) / 16000.0
    out = {
        "sine_440Hz": 0.5 * np.sin(2 * np.pi * 440 * t),
        "chirp_100_to_6000Hz": 0.3 * np.sin(2 * np.pi * (100 * t + 0.5 * 5900 * t * t)),
        "white_noise": np.clip(rng.normal(0, 0.2, 16000), -1, 1),
        "digital_silence": np.zeros(16000),
        "impulses": np.where(np.arange(16000) % 1601 == 0, 0.9, 0.0),
        # 0.75 s: the decoder pads it with zeros to 1 s.
        "short_sine_1kHz_0.75s": 0.4 * np.sin(2 * np.pi * 1000 * np.arange(12000) / 16000.0),
    }
    return {k: np.round(v * 32767).astype(np.int16) for k, v in out.items()}


def features(wav: bytes):
    audio, _ = tf.audio.decode_wav(wav, desired_channels=1, desired_samples=16000)
    spec = tf.raw_ops.AudioSpectrogram(input=audio, window_size=480, stride=160, magnitude_squared=True)
    mfcc = tf.raw_ops.Mfcc(spectrogram=spec, sample_rate=16000, upper_frequency_limit=4000.0,
                           lower_frequency_limit=20.0, filterbank_channel_count=40, dct_coefficient_count=40)
    return mfcc.numpy()[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    root = Path(a.data)
    entries = []
    for rel in REAL:
        if rel.endswith("/"):
            rel = rel + sorted(p.name for p in (root / rel).glob("*.wav"))[0]
        m = features((root / rel).read_bytes())
        entries.append({"name": rel, "kind": "real", "path": rel, "mfcc": m.tolist()})
    for name, pcm in synthetic().items():
        wav = wav_bytes(pcm)
        entries.append({"name": name, "kind": "synthetic", "wav_base64": base64.b64encode(wav).decode(),
                        "mfcc": features(wav).tolist()})
    doc = {"tensorflow": tf.__version__, "ops": "AudioSpectrogram(480,160,mag2) + Mfcc(16k,20..4000,40,40)",
           "entries": entries}
    with gzip.open(a.out, "wt") as f:
        json.dump(doc, f)
    print(f"wrote {len(entries)} entries with TensorFlow {tf.__version__} to {a.out}")


if __name__ == "__main__":
    main()
