# Multipolar — developer commands. Every target works on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: test lint smoke validate simulate bench play rulebook-images clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check diplomacy_game tests benchmarks tools
	$(VENV)/bin/mypy

smoke: $(STAMP)
	bash .ci/smoke-wheel

validate: $(STAMP)
	$(VENV)/bin/diplomacy-game validate diplomacy_game/data/scenarios

simulate: $(STAMP)
	$(VENV)/bin/diplomacy-game simulate from_tabriz_to_kazan --games 1000 --seed 1

bench: $(STAMP)
	$(PY) benchmarks/bench_engine.py
	$(PY) benchmarks/bench_peer.py
	$(PY) benchmarks/bench_ai.py
	$(PY) benchmarks/bench_map.py
	$(PY) benchmarks/bench_saves.py
	$(PY) benchmarks/bench_scale.py
	$(PY) benchmarks/bench_text.py
	$(PY) benchmarks/bench_startup.py
	$(PY) benchmarks/bench_lsp.py
	$(PY) benchmarks/bench_frames.py

rulebook-images: $(STAMP)
	$(PY) tools/rulebook_images.py

play: $(STAMP)
	$(VENV)/bin/diplomacy-game play

clean:
	rm -rf $(VENV) .peer-venv .pytest_cache .mypy_cache .ruff_cache
