"""Command line: `python3 -m surge_analysis report FILE [-o OUT.html]` and
`python3 -m surge_analysis plot FILE WHAT [-o OUT.png|.svg]` (what `surge report` and
`surge plot` run). Exit codes as Surge's: 0 success, 2 bad input, 3 the output could not be
written, 70 an internal error."""
import argparse
import os
import sys

EXIT_BAD_INPUT, EXIT_OUTPUT, EXIT_INTERNAL = 2, 3, 70


def _fail(code, message):
    print(f"error: {message}", file=sys.stderr)
    return code


def _check_input(path):
    if not os.path.exists(path):
        return f"{path}: no such file"
    if os.path.isdir(path):
        return f"{path}: is a directory, not a result file"
    if not os.access(path, os.R_OK):
        return f"{path}: not readable (permission denied)"
    with open(path, "rb") as f:
        if f.read(8) != b"\x89HDF\r\n\x1a\n":
            return f"{path}: not an HDF5 file (Surge writes results with -o FILE.h5)"
    return None


def _check_output(path):
    d = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        return f"{path}: is a directory"
    if not os.path.isdir(d):
        return f"{path}: directory {d} does not exist"
    if not os.access(d, os.W_OK):
        return f"{path}: directory {d} is not writable"
    return None


def main(argv=None):
    from . import plots
    parser = argparse.ArgumentParser(prog="surge", description="Reports and figures from Surge result files.")
    sub = parser.add_subparsers(dest="command", required=True)
    rp = sub.add_parser("report", help="one self-contained HTML report of a result file")
    rp.add_argument("file")
    rp.add_argument("-o", "--output", help="HTML file (default: FILE with .html)")
    pp = sub.add_parser("plot", help="one figure as PNG or SVG",
                        epilog="WHAT: " + "; ".join(f"{k}: {d}" for k, (_, d) in plots.FIGURES.items())
                        + "; list: the figures this file can draw")
    pp.add_argument("file")
    pp.add_argument("what", help="figure name, or `list`")
    pp.add_argument("-o", "--output", help="PNG or SVG file (default: FILE-WHAT.png)")
    pp.add_argument("--plan", help="compare files: the plan to draw (default: baseline)")
    pp.add_argument("--point", help="sweep files: the point (K or pK) to draw")
    pp.add_argument("--node", help="stock: only this node")
    pp.add_argument("--value", help="sweep: the /sweep column to map (default p_deliverable)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return 0 if e.code == 0 else EXIT_BAD_INPUT

    problem = _check_input(args.file)
    if problem:
        return _fail(EXIT_BAD_INPUT, problem)
    from .result import NotASurgeFile, check_readable, load
    try:
        check_readable(args.file)
        result = load(args.file)
    except NotASurgeFile as e:
        return _fail(EXIT_BAD_INPUT, str(e))

    stem = os.path.splitext(args.file)[0]
    if args.command == "report":
        from .report import write_report
        out = args.output or stem + ".html"
        problem = _check_output(out)
        if problem:
            return _fail(EXIT_OUTPUT, problem)
        try:
            write_report(result, out)
        except NotASurgeFile as e:  # a plan or point of the file, read only now
            return _fail(EXIT_BAD_INPUT, str(e))
        except OSError as e:
            return _fail(EXIT_OUTPUT, f"{out}: {e.strerror or e}")
        print(f"Report written to {out}")
        return 0

    target = result
    try:
        if args.plan:
            target = result.plan(args.plan)
        elif args.point is not None:
            target = result.point(args.point if args.point.startswith("p") else int(args.point))
    except (KeyError, ValueError) as e:
        return _fail(EXIT_BAD_INPUT, str(e).strip('"'))
    if args.what == "list":
        for name in plots.available(target):
            print(f"{name:12s} {plots.FIGURES[name][1]}")
        return 0
    if args.what not in plots.FIGURES:
        return _fail(EXIT_BAD_INPUT, f"unknown figure {args.what!r}; one of: {', '.join(plots.FIGURES)}")
    out = args.output or f"{stem}-{args.what}.png"
    ext = os.path.splitext(out)[1].lower()
    if ext not in (".png", ".svg"):
        return _fail(EXIT_BAD_INPUT, f"{out}: the output must end in .png or .svg")
    problem = _check_output(out)
    if problem:
        return _fail(EXIT_OUTPUT, problem)
    options = {}
    if args.node and args.what == "stock":
        options["node"] = args.node
    if args.value and args.what == "sweep":
        options["value"] = args.value
    try:
        fig = plots.figure(target, args.what, **options)
    except NotASurgeFile as e:  # a plan or point of the file, read only now
        return _fail(EXIT_BAD_INPUT, str(e))
    except plots.NotAvailable as e:
        return _fail(EXIT_BAD_INPUT, f"{args.file} ({result.kind}) cannot draw {args.what!r}: {e}; "
                                     f"try: {', '.join(plots.available(target)) or 'nothing'}")
    try:
        fig.savefig(out, format=ext[1:], dpi=100)
    except OSError as e:
        return _fail(EXIT_OUTPUT, f"{out}: {e.strerror or e}")
    print(f"Figure written to {out}")
    return 0


def run():
    try:
        code = main()
    except KeyboardInterrupt:
        code = 130
    except Exception as e:  # a bug: say so, like the C++ side
        import traceback
        traceback.print_exc()
        print(f"internal error: {e}\n(this is a bug in Surge's analysis package; please report it)",
              file=sys.stderr)
        code = EXIT_INTERNAL
    sys.exit(code)
