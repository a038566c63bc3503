// SPDX-License-Identifier: MIT
// Fixture of the layering test: kmc/ including app/ must be refused.
#pragma once
#include "app/scenario.hpp"
