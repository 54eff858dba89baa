#!/usr/bin/env python3
"""`make compat`: the official OpenAI Python client against the fleet evalctl serves.

Starts `evalctl fleet serve --port 0`, reads the bound port from its output, and checks the
chat and completions routes (logprobs, top_logprobs, echo) and the model listing with the
client's own parsing. Prints 'N passed, M failed' and exits non-zero on any failure.
"""
import subprocess
import sys

from openai import OpenAI

EVALCTL = sys.argv[1] if len(sys.argv) > 1 else ".build/release/evalctl"
MODEL = "evalctl-fleet-1"


def start_fleet():
    process = subprocess.Popen([EVALCTL, "fleet", "serve", "--port", "0"], stdout=subprocess.PIPE, text=True)
    urls = {}
    while len(urls) < 4:
        line = process.stdout.readline()
        if not line:
            raise SystemExit("evalctl fleet serve exited before printing its URLs")
        if line.startswith("  ") and "http://" in line:
            name, url = line.strip().split(": ", 1)
            urls[name] = url
    return process, urls


def main():
    process, urls = start_fleet()
    passed, failed = 0, 0

    def check(name, condition):
        nonlocal passed, failed
        if condition:
            passed += 1
        else:
            failed += 1
            print(f"FAILED: {name}")

    try:
        client = OpenAI(base_url=urls["gpu-h100"], api_key="sk-compat-test", max_retries=0, timeout=30)
        chat = client.chat.completions.create(
            model=MODEL, messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "What is a black hole?"}],
            max_tokens=12, temperature=0, seed=1, logprobs=True, top_logprobs=3, user="compat-key",
        )
        choice = chat.choices[0]
        check("chat: content", choice.message.content.startswith("A black hole is"))
        check("chat: finish_reason", choice.finish_reason == "length")
        check("chat: one logprob per token", len(choice.logprobs.content) == chat.usage.completion_tokens == 12)
        check("chat: top_logprobs", all(len(t.top_logprobs) == 3 for t in choice.logprobs.content))
        check("chat: tokens rebuild the text", "".join(t.token for t in choice.logprobs.content) == choice.message.content)
        check("chat: greedy token is the top one", all(t.token == t.top_logprobs[0].token for t in choice.logprobs.content))
        check("chat: system_fingerprint", chat.system_fingerprint == "fp_gpu-h100")

        raw = client.chat.completions.with_raw_response.create(
            model=MODEL, messages=[{"role": "user", "content": "What causes ocean tides?"}], max_tokens=5, user="compat-key"
        )
        check("chat: x-served-by", raw.headers.get("x-served-by", "").startswith("gpu-h100/"))

        prompt = "What is the capital of France? Answer in one sentence.\n\nThe capital of France is Paris."
        echo = client.completions.create(model=MODEL, prompt=prompt, max_tokens=0, echo=True, logprobs=3)
        lp = echo.choices[0].logprobs
        check("completions echo: text", echo.choices[0].text == prompt)
        check("completions echo: tokens rebuild the prompt", "".join(lp.tokens) == prompt)
        check("completions echo: first logprob is null", lp.token_logprobs[0] is None)
        check("completions echo: offsets", len(lp.text_offset) == len(lp.tokens) and lp.text_offset[0] == 0)
        check("completions echo: top_logprobs", all(t is None or 1 <= len(t) <= 3 for t in lp.top_logprobs))

        generated = client.completions.create(model=MODEL, prompt="How do volcanoes form?", max_tokens=10, temperature=0.7, seed=3, logprobs=2)
        check("completions: text", len(generated.choices[0].text) > 0)
        check("completions: logprobs", len(generated.choices[0].logprobs.tokens) == generated.usage.completion_tokens)

        models = [m.id for m in client.models.list()]
        check("models: list", models == [MODEL])

        try:
            client.chat.completions.create(model="no-such-model", messages=[{"role": "user", "content": "hi"}])
            check("errors: unknown model is a 404", False)
        except Exception as error:  # the client raises its NotFoundError
            check("errors: unknown model is a 404", getattr(error, "status_code", None) == 404)
    finally:
        process.terminate()
        process.wait(timeout=10)

    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
