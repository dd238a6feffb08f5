"""isingneuron: the helper package of the executable book *The Ising Neurone*.

Every figure and number of the book is computed by a function of this package;
the public API is flat and re-exported here. Modules, one concept each:

``meanfield``
    Mean-field Ising model: eq. (1), its solutions and free energy (§II.C).
``activations``
    Activation functions, the paper's eq. (2), its fit and the spike count (§II.D).
``exact``
    Exact 2D results: Onsager, Yang, Kaufman's finite torus (reached as
    ``isingneuron.exact.energy`` etc.; ``onsager_tc`` and
    ``spontaneous_magnetization`` are also flat).
``lattice``
    Fast 2D Monte Carlo (numba) and honest error bars.
``replicas``
    Many independent lattices at once by multi-spin coding (64 replicas per machine
    word); also reached as ``isingneuron.lattice.simulate_replicas``.
``dynamics``
    Quench-and-re-heat protocols and the running spike count (§II.D).
``membrane``
    The membrane as a lattice magnet: phases, periodic quenches, the choice of
    sign, coarsening and stripes, the antiferromagnet (§II.A–II.B).
``scaling``
    Power-law fits for critical exponents.
``zoo``
    Properties of the activation functions (§I).
``approximation``
    Universal approximation by experiment: random-feature networks (§I).
``population``
    Populations of model neurones: firing fractions, sparse codes (§III.A).
``learning``
    Free energy, Boltzmann-machine mean field, small numpy networks (§III.B);
    reached as ``isingneuron.learning`` (its names are generic: ``forward``,
    ``Dataset``...).
``criticality``
    Block spins, correlation functions, the edge of chaos of deep networks (§III.C).
``related``
    Swish as a two-state unit in a field; the adaptive softplus–sigmoid family.
``verification``
    The errata log: every checked statement with a computed verdict.
``symbolic``
    Sympy derivations displayed by the chapters and asserted by the tests.
``exercises``
    Check your answer: feedback on the computational exercises without the answers.
``plotting``
    Figure helpers with the house style (imports matplotlib; numerics never do).
"""

from . import (  # noqa: F401
    activations,
    approximation,
    criticality,
    dynamics,
    exact,
    exercises,
    lattice,
    learning,
    meanfield,
    membrane,
    population,
    related,
    replicas,
    scaling,
    zoo,
)
from .activations import *  # noqa: F403
from .approximation import *  # noqa: F403
from .criticality import *  # noqa: F403
from .dynamics import *  # noqa: F403
from .exact import onsager_tc, spontaneous_magnetization
from .exercises import *  # noqa: F403
from .lattice import *  # noqa: F403
from .meanfield import *  # noqa: F403
from .membrane import *  # noqa: F403
from .population import *  # noqa: F403
from .related import *  # noqa: F403
from .replicas import *  # noqa: F403
from .scaling import *  # noqa: F403
from .zoo import *  # noqa: F403

__version__ = "0.1.0"

# exact.energy, exact.free_energy and exact.specific_heat stay in their module:
# their names would clash with the mean-field model's.
__all__ = [
    *meanfield.__all__,
    *activations.__all__,
    *dynamics.__all__,
    *scaling.__all__,
    *lattice.__all__,
    *replicas.__all__,
    *membrane.__all__,
    *zoo.__all__,
    *approximation.__all__,
    *population.__all__,
    *criticality.__all__,
    *related.__all__,
    *exercises.__all__,
    "onsager_tc",
    "spontaneous_magnetization",
]
