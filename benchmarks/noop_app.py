"""A do-nothing Typer app that prints one line with Rich: what any Typer + Rich tool pays.

bench.py runs it as `python benchmarks/noop_app.py` beside bondcoach's commands.
"""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str = typer.Option("you", help="Who to greet.")) -> None:
    """Say hello."""
    from rich.console import Console

    Console().print(f"[bold]Hello[/bold], {name}.")


if __name__ == "__main__":
    app()
