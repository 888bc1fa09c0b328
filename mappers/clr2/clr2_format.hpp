#pragma once
#include "mappers/format.hpp"
namespace credgate::clr2 {
Format format();
}
