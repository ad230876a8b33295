#!/usr/bin/python3
"""PyTorch reference for bench/train: the same models and step as dagtune's (written for this bench).

One training step = forward, BCE-with-logits backward, Adam update, at batch 2048, embedding 16,
depth 3, on an ml-100k-like layout (7 fields, 12 slots: 6 single-slot token fields + a 6-slot
genre field whose embedding is the weighted mean of its slots). Prints one JSON line: samples/s from the median and from the best step, per model.

    /usr/bin/python3 bench/train/torch_ref.py [--steps 30] [--threads 1]
"""
import argparse
import json
import time

import torch
from torch import nn

FIELDS = [("user_id", 944, 1), ("item_id", 1683, 1), ("age", 62, 1), ("gender", 3, 1),
          ("occupation", 22, 1), ("release_year", 72, 1), ("class", 20, 6)]
BATCH, EMB, DEPTH = 2048, 16, 3


class Bag(nn.Module):
    """Shared table; field embedding = sum over its slots of weight * E[id]."""

    def __init__(self):
        super().__init__()
        vocab = sum(v for _, v, _ in FIELDS)
        self.table = nn.Embedding(vocab, EMB)
        nn.init.xavier_normal_(self.table.weight)
        slot_field = [i for i, (_, _, s) in enumerate(FIELDS) for _ in range(s)]
        m = torch.zeros(len(slot_field), len(FIELDS))
        for s, f in enumerate(slot_field):
            m[s, f] = 1.0
        self.register_buffer("slot_to_field", m)

    def forward(self, ids, w):  # [B,S], [B,S] -> [B,F,D]
        rows = self.table(ids) * w.unsqueeze(-1)
        return torch.einsum("bsd,sf->bfd", rows, self.slot_to_field)


class CrossNet(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.w = nn.ParameterList([nn.Parameter(torch.randn(n, n) / n ** 0.5) for _ in range(DEPTH)])
        self.b = nn.ParameterList([nn.Parameter(torch.zeros(n)) for _ in range(DEPTH)])
        self.out = nn.Linear(n, 1)

    def forward(self, e):
        x0 = e.reshape(e.shape[0], -1)
        x = x0
        for w, b in zip(self.w, self.b):
            x = x0 * (x @ w + b) + x
        return self.out(x).squeeze(-1)


class DAGFM(nn.Module):
    def __init__(self, f, kind):
        super().__init__()
        self.kind = kind
        self.p = nn.ParameterList([nn.Parameter(torch.randn(f, f, EMB) * 0.1) for _ in range(DEPTH)])
        if kind == "outer":
            self.q = nn.ParameterList([nn.Parameter(torch.randn(f, f, EMB) * 0.1) for _ in range(DEPTH)])
        self.register_buffer("adj", torch.triu(torch.ones(f, f)).unsqueeze(-1).expand(f, f, EMB).contiguous())
        self.connect = nn.Parameter(torch.eye(f))
        self.out = nn.Linear(f * (DEPTH + 1), 1)

    def forward(self, e):
        h0 = self.connect @ e
        h = h0
        states = [h0.sum(-1)]
        for i in range(DEPTH):
            if self.kind == "inner":
                aggr = torch.einsum("bfd,fsd->bsd", h, self.p[i] * self.adj)
            else:
                term = torch.einsum("bfd,fsd->bfs", h, self.p[i] * self.adj)
                aggr = torch.einsum("bfs,fsd->bsd", term, self.q[i])
            h = h0 * aggr
            states.append(h.sum(-1))
        return self.out(torch.cat(states, -1)).squeeze(-1)


def bench(net, steps):
    gen = torch.Generator().manual_seed(1)
    bag = Bag()
    model = nn.ModuleDict({"bag": bag, "net": net})
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    lossf = nn.BCEWithLogitsLoss()
    offsets, ids, ws = 0, [], []
    for _, v, s in FIELDS:
        ids.append(offsets + torch.randint(0, v, (BATCH * 4, s), generator=gen))
        ws.append(torch.full((BATCH * 4, s), 1.0 / s))
        offsets += v
    ids, ws = torch.cat(ids, 1), torch.cat(ws, 1)
    y = (torch.rand(BATCH * 4, generator=gen) < 0.55).float()

    def step(k):
        sl = slice((k % 4) * BATCH, (k % 4 + 1) * BATCH)
        opt.zero_grad(set_to_none=True)
        loss = lossf(net(bag(ids[sl], ws[sl])), y[sl])
        loss.backward()
        opt.step()

    for k in range(3):
        step(k)
    times = []
    for k in range(steps):
        t0 = time.perf_counter()
        step(k)
        times.append(time.perf_counter() - t0)
    times.sort()
    return {"median": BATCH / times[len(times) // 2], "best": BATCH / times[0]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    f = len(FIELDS)
    res = {
        "crossnet": bench(CrossNet(f * EMB), a.steps),
        "dagfm-inner": bench(DAGFM(f, "inner"), a.steps),
        "dagfm-outer": bench(DAGFM(f, "outer"), a.steps),
        "version": torch.__version__,
        "threads": a.threads,
    }
    print(json.dumps(res))


if __name__ == "__main__":
    main()
