#pragma once
#include "mappers/format.hpp"
namespace credgate::ob3 {
Format format();
}
