#pragma once
#include "mappers/format.hpp"
namespace credgate::csv {
Format format();
}
