from bondcoach.cli import main

main()
