/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * export.h - which declarations libindicators exports.
 *
 * The library is compiled with -fvisibility=hidden: only what a public header
 * declares between IND_BEGIN_DECLS and IND_END_DECLS is visible to programs
 * linking the shared library (tests/install checks with nm -D that these are
 * the ind_ functions and nothing else). IND_API marks a single declaration
 * outside such a block. The block is also extern "C" for C++ callers.
 */
#ifndef INDICATORS_EXPORT_H
#define INDICATORS_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define IND_API __attribute__((visibility("default")))
#define IND_VISIBILITY_PUSH_ _Pragma("GCC visibility push(default)")
#define IND_VISIBILITY_POP_ _Pragma("GCC visibility pop")
#else
#define IND_API
#define IND_VISIBILITY_PUSH_
#define IND_VISIBILITY_POP_
#endif

#ifdef __cplusplus
#define IND_BEGIN_DECLS extern "C" { IND_VISIBILITY_PUSH_
#define IND_END_DECLS IND_VISIBILITY_POP_ }
#else
#define IND_BEGIN_DECLS IND_VISIBILITY_PUSH_
#define IND_END_DECLS IND_VISIBILITY_POP_
#endif

#endif
