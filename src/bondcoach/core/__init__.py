"""Pure logic over models and a clock: no files, no terminal, no Typer or Rich."""
