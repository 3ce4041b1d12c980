"""python -m backprop explain ...: the worked example of one SGD step, for teachers' handouts.
python -m backprop notebook ...: a Jupyter notebook (or a script) that reproduces the explorer in numpy."""
import argparse
import sys

import numpy as np

from .explain import check_finite, explain_json, explain_markdown
from .fileformat import MAX_FILE_BYTES, NetworkFile, load_data, read
from .i18n import LANGUAGES, _, speaking
from .notebook import Training, notebook_json, notebook_script
from .numbers import read_number, read_numbers, read_whole
from .presets import PRESETS
from .training import MAX_EPOCHS, MAX_SEED
from .validation import validate_batch, validate_targets


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one clear line, exit code 2
        self.exit(2, f"backprop: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m backprop", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    explain = commands.add_parser("explain", help="walk one SGD step through a network")
    notebook = commands.add_parser("notebook", help="write a Jupyter notebook (or a script) that reproduces the "
                                                    "explorer in numpy, checked by PyTorch where it is installed")
    for command in (explain, notebook):
        command.error = parser.error
        command.add_argument("network", nargs="?", help="a network file (JSON)")
        command.add_argument("--preset", choices=sorted(PRESETS), help="a built-in network instead of a file")
        command.add_argument("--input", help="one sample, comma-separated, e.g. 1,2,3,2.5")
        command.add_argument("--target", help="its target, comma-separated, e.g. 0.5")
        command.add_argument("--data", help='a JSON file {"inputs": [[...]], "targets": [[...]]}')
        command.add_argument("--lr", help="learning rate η (default: the preset's or the file's, else 0.1)")
        command.add_argument("--lang", choices=list(LANGUAGES), default="en",
                             help="the language of the text and of any error: " + ", ".join(
                                 f"{code} ({name})" for code, name in LANGUAGES.items()))
    explain.add_argument("--format", choices=("markdown", "json"), default="markdown")
    explain.add_argument("--sample", default="1", help="which sample the equations show (1-based)")
    notebook.add_argument("--format", choices=("ipynb", "py"), default="ipynb",
                          help="a Jupyter notebook, or the same cells as one Python script")
    notebook.add_argument("--epochs", default="50", help="the epochs its training section runs, as Train would "
                                                         f"(1 to {MAX_EPOCHS}; default 50)")
    notebook.add_argument("--batch-size", default=None, help="samples per SGD step; 0 = all (default: the file's, "
                                                             "else all)")
    notebook.add_argument("--seed", default="0", help="the seed the training's batches are shuffled by (default 0)")
    return parser


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ValueError(_("cannot read {path}: {error}").format(path=path, error=error.strerror)) from None


def _resolve(args):
    """(network, inputs, targets, learning rate, batch size) from the arguments, or ValueError."""
    if (args.network is None) == (args.preset is None):
        raise ValueError(_("give either a network file or --preset, not both or neither"))
    preset = PRESETS[args.preset]() if args.preset else None
    file = NetworkFile(preset.network, preset.inputs, preset.targets, preset.learning_rate) if preset \
        else read(_read(args.network))
    network = file.network
    n_in, n_out = network.sizes[0], network.sizes[-1]
    if args.data and (args.input or args.target):
        raise ValueError(_("give --data or --input/--target, not both"))
    if args.data:
        inputs, targets = load_data(_read(args.data), n_in, n_out)
    elif args.input is not None and args.target is not None:
        inputs = validate_batch(read_numbers(args.input, "--input"), n_in, "--input")
        targets = validate_batch(read_numbers(args.target, "--target"), n_out, "--target")
    elif args.input is not None or args.target is not None:
        raise ValueError(_("--input and --target go together"))
    elif file.inputs is not None:  # a preset, or a version 2 file with its data
        inputs, targets = file.inputs, file.targets
    else:
        raise ValueError(_("this network file holds no data: give --input and --target, or --data"))
    validate_targets(targets, network.loss)
    lr = read_number(args.lr, "--lr") if args.lr is not None else (file.learning_rate or 0.1)
    if not (np.isfinite(lr) and lr > 0):
        raise ValueError(_("--lr must be a positive number, got {lr}").format(lr=lr))
    return network, inputs, targets, lr, file.batch_size


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    with speaking(args.lang):
        return _run(args)


def _text(args) -> str:
    network, inputs, targets, lr, batch_size = _resolve(args)
    check_finite(network, inputs, targets, lr)
    if args.command == "notebook":
        epochs = read_whole(args.epochs, "--epochs", 1, MAX_EPOCHS)
        if args.batch_size is not None:
            batch_size = read_whole(args.batch_size, "--batch-size", 0, len(inputs)) or None
        training = Training(epochs, batch_size, read_whole(args.seed, "--seed", 0, MAX_SEED), 0)
        return (notebook_json if args.format == "ipynb" else notebook_script)(network, inputs, targets, lr, training)
    if args.format == "json":
        return explain_json(network, inputs, targets, lr)
    sample = read_whole(args.sample, "--sample", 1, len(inputs))
    return explain_markdown(network, inputs, targets, lr, sample=sample - 1)


def _run(args) -> int:
    try:
        text = _text(args)
    except ValueError as error:
        print(f"backprop: error: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # a bug of ours: still one line, never a traceback for a teacher
        print(f"backprop: internal error ({type(error).__name__}): {error}", file=sys.stderr)
        return 1
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
