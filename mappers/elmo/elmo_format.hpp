#pragma once
#include "mappers/format.hpp"
namespace credgate::elmo {
Format format();
}
