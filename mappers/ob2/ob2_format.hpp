#pragma once
#include "mappers/format.hpp"
namespace credgate::ob2 {
Format format();
}
