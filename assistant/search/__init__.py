"""Finding text: chunks, embeddings, the FAISS index on disk and retrieval. The only package that
imports faiss, torch and tokenizers; it may import the records (programme, sources), never
answers, service or desk."""
