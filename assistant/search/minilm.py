"""all-MiniLM-L6-v2 run on torch alone: sentence-transformers' forward pass, op for op.

sentence-transformers' encode tokenises with the model's tokenizer.json, runs transformers'
BertModel, averages the last layer over the word pieces and scales the mean to unit length.
Importing it costs a process 3.5 s and ~190 MB (transformers, scikit-learn, SciPy, SymPy and
torch's compiler, none of which embedding uses), in every build and every serving worker. Here
the same steps call the same torch functions in the same order on the same weights, so each
vector is bit for bit the one its encode gives (tests/search/test_minilm.py compares them).
Only what encode does for a batch without padding is written out: the embedder batches texts
of one length, so no attention mask is ever needed."""

from __future__ import annotations

import ctypes
import json
import mmap
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

MAX_WORD_PIECES = 256  # the model's max_seq_length (sentence_bert_config.json)
LAYERS = 6
HEADS = 12
HEAD_SIZE = 32
LAYER_NORM_EPS = 1e-12
# safetensors' names for the tensors of one layer's linear maps, which run in bfloat16
_LINEAR = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)
_DTYPES = {"F32": "float32", "I64": "int64"}
MADV_DONTNEED = 4  # madvise(2) on Linux


def read_safetensors(path: Path) -> dict[str, Any]:
    """The file's tensors as views of one private mapping of it (pages read when touched).

    The format: an 8-byte little-endian header length, a JSON header giving each tensor's
    dtype, shape and byte range, then the data."""
    import torch

    with path.open("rb") as file:
        (header_size,) = struct.unpack("<Q", file.read(8))
        header = json.loads(file.read(header_size))
    header.pop("__metadata__", None)
    size = path.stat().st_size
    data = torch.from_file(str(path), shared=False, size=size, dtype=torch.uint8)
    start = 8 + header_size
    tensors = {}
    for name, spec in header.items():
        begin, end = spec["data_offsets"]
        dtype = getattr(torch, _DTYPES[spec["dtype"]])
        raw = data[start + begin : start + end]
        tensors[name] = raw.view(dtype).view(spec["shape"])
    return tensors


class MiniLM:
    """The model's weights (its linear maps in bfloat16, as the embedder always ran them) and
    tokenizer; vectors() embeds a batch of texts of one length in word pieces."""

    def __init__(self, folder: Path) -> None:
        import torch
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_WORD_PIECES)
        self.tokenizer.no_padding()
        self.weights = read_safetensors(folder / "model.safetensors")
        read = []
        for layer in range(LAYERS):
            for linear in _LINEAR:
                for part in ("weight", "bias"):
                    name = f"encoder.layer.{layer}.{linear}.{part}"
                    read.append(self.weights[name])
                    self.weights[name] = self.weights[name].to(torch.bfloat16)
        release_file_pages(read, ".safetensors")

    def word_pieces(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's word-piece ids as the model reads them: [CLS] ... [SEP], at most 256."""
        return [e.ids for e in self.tokenizer.encode_batch(list(texts))]

    def vectors(self, ids: Sequence[Sequence[int]]) -> np.ndarray:
        """Unit vectors (float32) of texts given as word-piece ids, all of one length."""
        import torch

        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16):
            hidden = self._last_layer(torch.tensor(ids, dtype=torch.long))
            # Pooling's mean over every word piece (none is padding), summed in float32
            count = torch.full((hidden.shape[0], 1), float(hidden.shape[1]))
            total = hidden.sum(dim=1, dtype=torch.float32)
            mean = (total / torch.clamp(count, min=1e-9)).to(hidden.dtype)
            # scaled to unit length twice, as encode does: by the model's Normalize module,
            # then for normalize_embeddings=True (the second moves a few last bits)
            unit = torch.nn.functional.normalize(mean, p=2, dim=-1)
            unit = torch.nn.functional.normalize(unit, p=2, dim=1)
        out: np.ndarray = unit.float().numpy()
        return out

    def _last_layer(self, ids: Any) -> Any:
        """BertModel's last hidden state for a batch without padding (its embeddings and
        encoder layers; dropout is off when not training)."""
        import torch
        import torch.nn.functional as f

        w = self.weights
        length = ids.shape[1]
        positions = torch.arange(length).unsqueeze(0)
        types = ids.new_zeros(ids.shape)  # the tokenizer's token_type_ids: all 0
        hidden = f.embedding(ids, w["embeddings.word_embeddings.weight"])
        hidden = hidden + f.embedding(types, w["embeddings.token_type_embeddings.weight"])
        hidden = hidden + f.embedding(positions, w["embeddings.position_embeddings.weight"])
        hidden = self._norm(hidden, "embeddings.LayerNorm")
        for layer in range(LAYERS):
            hidden = self._layer(hidden, f"encoder.layer.{layer}.")
        return hidden

    def _layer(self, hidden: Any, at: str) -> Any:
        """One encoder layer: self-attention (SDPA, no mask), then the feed-forward part."""
        import torch.nn.functional as f

        batch, length = hidden.shape[:2]
        split = (batch, length, -1, HEAD_SIZE)
        query = self._linear(hidden, at + "attention.self.query").view(split).transpose(1, 2)
        key = self._linear(hidden, at + "attention.self.key").view(split).transpose(1, 2)
        value = self._linear(hidden, at + "attention.self.value").view(split).transpose(1, 2)
        attended = f.scaled_dot_product_attention(
            query, key, value, attn_mask=None, dropout_p=0.0, scale=HEAD_SIZE**-0.5, is_causal=False
        )
        attended = attended.reshape(batch, -1, length, HEAD_SIZE).transpose(1, 2).contiguous()
        attended = attended.reshape(batch, length, -1).contiguous()
        out = self._linear(attended, at + "attention.output.dense")
        attention = self._norm(out + hidden, at + "attention.output.LayerNorm")
        inner = f.gelu(self._linear(attention, at + "intermediate.dense"))
        out = self._linear(inner, at + "output.dense")
        return self._norm(out + attention, at + "output.LayerNorm")

    def _linear(self, x: Any, name: str) -> Any:
        import torch.nn.functional as f

        return f.linear(x, self.weights[name + ".weight"], self.weights[name + ".bias"])

    def _norm(self, x: Any, name: str) -> Any:
        import torch.nn.functional as f

        w = self.weights
        shape = (x.shape[-1],)
        return f.layer_norm(x, shape, w[name + ".weight"], w[name + ".bias"], LAYER_NORM_EPS)


def release_file_pages(tensors: Sequence[Any], suffix: str) -> None:
    """Take the pages of these tensors out of this process's memory when they lie in a mapping
    of a file named *suffix: the model's tensors are views of its weights file, and the
    float32 weights read once to make bfloat16 copies would otherwise stay resident in every
    worker for good. Only whole pages inside the tensors go, which nothing reads any more (a
    touch would read them from the file again). Linux only."""
    try:
        maps = Path("/proc/self/maps").read_text().splitlines()
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return
    mapped = []
    for line in maps:
        fields = line.split(maxsplit=5)
        if len(fields) == 6 and fields[5].endswith(suffix):
            start, end = (int(x, 16) for x in fields[0].split("-"))
            mapped.append((start, end))
    page = mmap.PAGESIZE
    for tensor in tensors:
        begin = tensor.data_ptr()
        end = begin + tensor.numel() * tensor.element_size()
        first, last = -(-begin // page) * page, end // page * page  # whole pages inside it
        if last > first and any(lo <= first and last <= hi for lo, hi in mapped):
            libc.madvise(ctypes.c_void_p(first), ctypes.c_size_t(last - first), MADV_DONTNEED)
