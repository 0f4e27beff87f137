import unlocked_native


def crunch_all(ns):
    """unlocked_native.crunch(n) for every n in `ns`, in order."""
    # Correct, but one call runs after the other on a single core.
    # Run the calls on threads so they use every core.
    return [unlocked_native.crunch(n) for n in ns]
