// Sweeps across machines with MPI: rank 0 hands out runs one at a time to whichever rank asks
// (a rank asks when it is free) and alone writes the database; every other rank loads the same
// sweep file, runs what it is given and sends back the run's KPIs.
#pragma once

#include "tools/sweep_command.h"

// Whether this process was started by mpirun or srun with more than one rank, and halfhour was
// built with MPI.
bool mpi_launched();

int run_sweep_mpi(const SweepOptions& opt);
