"""The user message every speaker of a SynDisco 2.0.x discussion file was sent, turn by turn,
rendered with Python's own json.dumps and textwrap.fill (make_syndisco.py's re-enactment of
SynDisco 2.0.x: the last ctx_length comments, each "User NAME posted:\\n" + fill(text, 70)).

    python3 test/samples/render_user_messages.py file.json ...

Prints one JSON object: {file: [message for each logged comment that is not a seed]}, each
message being what its author saw before writing it. check-samples.ts compares its own
rendering with these.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures" / "python"))
from make_syndisco import entry, participant_message  # noqa: E402


def messages(path):
    with open(path, encoding="utf8") as f:
        discussion = json.load(f)
    logs = discussion["logs"]
    history = [entry(c["name"], c["text"]) for c in logs]
    return [
        participant_message(history[:index], discussion["ctx_length"], comment["name"])
        for index, comment in enumerate(logs)
        if comment["model"] != "hardcoded"
    ]


if __name__ == "__main__":
    json.dump({path: messages(path) for path in sys.argv[1:]}, sys.stdout)
