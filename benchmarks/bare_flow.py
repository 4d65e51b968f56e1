"""The start-up floor: a Prefect flow that does nothing, in ephemeral mode like `kpi run`."""

from prefect import flow


@flow(name="bare")
def bare() -> None:
    return None


if __name__ == "__main__":
    bare()
