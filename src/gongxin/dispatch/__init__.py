"""Daily dispatch (日调度): daily electricity by enterprise, baselines and halted-firm detection."""
