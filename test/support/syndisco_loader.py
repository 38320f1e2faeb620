"""How SynDisco's own loaders walk a folder, with the standard library only.

SynDisco 2.0.7's postprocessing._read_conversations opens every path `conv_dir.rglob("*")`
yields (folders included) and 2.0.8's every `conv_dir.rglob("*.json")`; both then json.load each
one, explode its "logs" and read each log's "name", "text" and "model". pandas is left out: what
fails here is what fails there (a folder, a file that is not JSON, no "logs", an empty "logs",
whose explode gives NaN, a log without one of the keys).

Usage: python3 syndisco_loader.py <2.0.7 | 2.0.8> <folder>
Prints {"files": n, "comments": n} as JSON, or the error and exits with 1.
"""
import json
import sys
from pathlib import Path


def read_conversations(version: str, folder: Path) -> dict:
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a directory or does not exist")
    paths = list(folder.rglob("*")) if version == "2.0.7" else list(folder.rglob("*.json"))
    if version == "2.0.7" and len(paths) == 0:
        raise ValueError("No discussions found in directory ", folder)
    comments = 0
    for file_path in paths:
        with open(file_path, "r", encoding="utf8") as fin:
            conv = json.load(fin)
        logs = conv["logs"]
        if len(logs) == 0:
            raise TypeError(f"{file_path}: 'float' object is not subscriptable (an empty logs list explodes to NaN)")
        for log in logs:
            log["name"], log["text"], log["model"]
            comments += 1
    return {"files": len(paths), "comments": comments}


if __name__ == "__main__":
    try:
        print(json.dumps(read_conversations(sys.argv[1], Path(sys.argv[2]))))
    except Exception as error:  # noqa: BLE001 - the test reads whatever SynDisco would have raised
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
